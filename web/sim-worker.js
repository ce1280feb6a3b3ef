// The simulation's background worker. The page starts it as a module worker and sends it the
// URL of the app's JavaScript glue and the app's compiled WebAssembly module; the worker
// instantiates that same module and hands over to its `sim_worker_main`, which answers every
// later message (src/ui/sim_worker.rs). A failure here reaches the page as the worker's error
// event, and the page then runs the simulation itself.
self.onmessage = async (event) => {
  self.onmessage = null;
  try {
    const glue = await import(event.data.glue);
    await glue.default({ module_or_path: event.data.module });
    glue.sim_worker_main();
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
};
