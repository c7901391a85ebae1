//! hmcr's image directory format.

/// Generated protobuf types, one module per schema file.
pub mod proto {
    include!(concat!(env!("OUT_DIR"), "/proto/mod.rs"));
}
