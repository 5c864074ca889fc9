/** The empty-store view: where machines will appear and how they get there. */
export function FirstRun({ storePath, onCreate }: { storePath: string; onCreate(): void }) {
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">No machines yet</h2>
      <p>
        Berth lists the Docker hosts in your machine store <code>{storePath}</code>. Machines that docker-machine
        creates there appear here by themselves.
      </p>
      <button type="button" className="primary" onClick={onCreate}>
        Create machine
      </button>
      <p className="muted">Turn any Linux server you can reach over SSH into a Docker host secured with TLS.</p>
    </section>
  );
}
