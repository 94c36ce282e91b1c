//! The geoevents binary.
fn main() {}
