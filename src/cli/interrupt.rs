//! Ctrl-C, caught from the first instant of a command that must stop cleanly.
//!
//! `ab run` answers Ctrl-C by finishing the calls in flight, writing their records and exiting
//! with 130 and a hint to resume. A handler installed by the command itself comes too late: a
//! signal that arrives before it (while the plan is built, the results file created, the HTTP
//! client set up) gets the default action and kills the process. So [`install`] runs in
//! `cli::main` before the command is dispatched, and counts every interrupt; the command
//! registers what an interrupt means with [`listen`], which first replays the interrupts that
//! already arrived.
//!
//! Only commands that handle interrupts install it: for every other command Ctrl-C keeps the
//! default action, which is what shells expect of a program that has nothing to clean up.

use std::sync::Mutex;

type Listener = Box<dyn Fn() + Send>;

struct State {
    received: u32,
    listener: Option<Listener>,
}

static STATE: Mutex<State> = Mutex::new(State {
    received: 0,
    listener: None,
});

fn on_interrupt() {
    let mut state = STATE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    state.received = state.received.saturating_add(1);
    if let Some(listener) = &state.listener {
        listener();
    }
}

/// Catches Ctrl-C from now on, for the rest of the process.
///
/// The OS handler is registered before this returns; a thread with its own small runtime
/// receives the signals, so the command's runtime can come and go.
pub(crate) fn install() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let mut signals = {
        let _entered = runtime.enter();
        #[cfg(unix)]
        {
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?
        }
        #[cfg(windows)]
        {
            tokio::signal::windows::ctrl_c()?
        }
    };
    std::thread::Builder::new()
        .name("interrupts".to_owned())
        .spawn(move || {
            runtime.block_on(async move {
                while signals.recv().await.is_some() {
                    on_interrupt();
                }
            });
        })?;
    Ok(())
}

/// Interrupts received so far.
pub(crate) fn received() -> u32 {
    STATE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .received
}

/// Calls `listener` once per interrupt: once now for each interrupt already received, then on
/// each new one (on another thread). Replaces any earlier listener.
pub(crate) fn listen(listener: impl Fn() + Send + 'static) {
    let mut state = STATE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for _ in 0..state.received {
        listener();
    }
    state.listener = Some(Box::new(listener));
}
