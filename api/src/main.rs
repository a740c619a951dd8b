fn main() -> anyhow::Result<()> {
    println!("returns {}", env!("CARGO_PKG_VERSION"));
    Ok(())
}
