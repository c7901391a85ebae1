//! Compiles the .proto schemas with protobuf-codegen's pure-Rust parser (no protoc needed).

fn main() {
    let protos = [
        "proto/common.proto",
        "proto/inventory.proto",
        "proto/pstree.proto",
        "proto/core.proto",
        "proto/process.proto",
        "proto/mm.proto",
        "proto/pagemap.proto",
        "proto/files.proto",
        "proto/stats.proto",
    ];
    for p in &protos {
        println!("cargo:rerun-if-changed={p}");
    }
    protobuf_codegen::Codegen::new()
        .pure()
        .include("proto")
        .inputs(protos)
        .cargo_out_dir("proto")
        .run_from_script();
}
