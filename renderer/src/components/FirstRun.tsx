/** The empty-store view: where machines will appear and how they get there. */
export function FirstRun({ storePath }: { storePath: string }) {
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">No machines yet</h2>
      <p>
        Berth lists the Docker hosts in your machine store <code>{storePath}</code>. Machines that docker-machine
        creates there appear here by themselves.
      </p>
      <button type="button" className="primary" disabled aria-describedby="create-soon">
        Create machine
      </button>
      <p id="create-soon" className="muted">
        The Create machine wizard arrives with the generic SSH driver.
      </p>
    </section>
  );
}
