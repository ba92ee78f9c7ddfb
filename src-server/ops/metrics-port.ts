/**
 * What features tell the metrics (one call where a route translates an outcome). The port is
 * plain so services and hand-built test deps need no prom-client: `noopMetrics` does nothing.
 */
export interface MetricsPort {
  /** POST /login answered with this outcome (otp_required, authenticated, invalid_credentials, locked, …). */
  loginAnswered(outcome: string): void;
  /** A kiosk heartbeat was accepted (true) or refused (false). */
  kioskHeartbeat(accepted: boolean): void;
}

export const noopMetrics: MetricsPort = {
  loginAnswered: () => undefined,
  kioskHeartbeat: () => undefined,
};
