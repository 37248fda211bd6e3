//! The `promptctl` binary: parse arguments, run one command, turn the outcome into an exit code.

mod cli;

/// Reading a library allocates many small values (YAML nodes, template trees, findings) on every
/// core at once, where the system allocator spent a fifth of a cold scan; mimalloc's per-thread
/// heaps make the same work markedly cheaper (docs/performance.md has the figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
