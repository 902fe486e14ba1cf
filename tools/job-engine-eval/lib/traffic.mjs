// What an engine asks of the database, counted at the driver both engines share (the scratch
// directory's one `pg`): statements sent and connections open. PGlite has no pg_stat_database,
// so this is the one figure comparable across both databases.
import { requireModule } from './modules.mjs';

export function countClientTraffic() {
  const { Client } = requireModule('pg');
  let statements = 0;
  let open = 0;
  let peak = 0;
  const { query, connect } = Client.prototype;
  Client.prototype.query = function countedQuery(...args) {
    if (!this.jobevalUncounted) statements++;
    return query.apply(this, args);
  };
  Client.prototype.connect = function countedConnect(...args) {
    if (!this.jobevalUncounted) {
      peak = Math.max(peak, ++open);
      this.once('end', () => open--);
    }
    return connect.apply(this, args);
  };
  return { statements: () => statements, openConnections: () => open, peakConnections: () => peak };
}
