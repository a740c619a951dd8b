-- A command id is the key of one command on one stream. Remember what it
-- was first used for (the command's kind and a hash of the caller's input,
-- both chosen by the caller), so a reuse for anything else is refused
-- instead of being answered as a repeat. Ids recorded before this migration
-- keep '' in both and compare by stream only.
ALTER TABLE commands ADD COLUMN command_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE commands ADD COLUMN input_hash TEXT NOT NULL DEFAULT '';
