//! Intake: platform after-sale records (Taobao, Douyin, Kuaishou …) become
//! tickets through a declarative mapping file per platform, and later
//! versions of a record keep its ticket in step.
//!
//! Layout:
//! - [`mapping`]: the mapping file format (TOML) and the loaded [`Mappings`].
//! - [`field`]: one mapped value (JSONPath, convert, map, default, required).
//! - [`convert`]: unit conversions (fen, yuan strings, platform timestamps).
//! - [`preview`]: a payload mapped without writing ([`MappedTicket`]).
//! - [`custom_fields`]: admin-defined custom fields and their validation.
//! - [`storage`]: intake's tables and all of its SQL: [`records`] (dedupe and
//!   version tracking), custom field definitions, saved mappings.
//! - [`sync`]: carrying one mapped record onto its ticket.
//! - [`import`]: `import_one` and the set-up imports need.
//! - [`bulk`]: streaming JSON-lines import.
//! - [`encoding`]: decoding lines of GBK, GB18030 or UTF-8 files and pushes.
//! - [`mapping_store`]: mappings saved by admins in the database.
//! - [`error`]: mapping and import errors.
//!
//! Depends on the domain, the event store and the tickets crate; must never
//! depend on projections, workflows or the api.

pub mod bulk;
pub mod convert;
pub mod custom_fields;
pub mod encoding;
pub mod error;
pub mod field;
pub mod import;
pub mod mapping;
pub mod mapping_store;
pub mod preview;
pub mod storage;
pub mod sync;

pub use storage::{migrate, records};

pub use bulk::{import_jsonl, BulkError, BulkOptions, ImportProgress, ImportSummary, RejectedLine};
pub use custom_fields::{CustomFieldDefinition, Definitions, FieldType};
pub use error::{ImportError, MappingError, MappingFileError};
pub use import::{import_one, prepare_definitions};
pub use mapping::{Mapping, Mappings};
pub use preview::{preview, ticket_id_for, MappedTicket};
pub use sync::{ImportAction, ImportOutcome};
