import { z } from 'zod';
import { DiagnosticsBundle, IsoDateTime } from '../api/schemas.js';

/**
 * R-DIAG-1: 診断情報 of one terminal in 端末一覧's 詳細 — the request IT made that the terminal has
 * not answered yet (null: none waiting), and the bundles it uploaded, newest first (at most 3, each
 * kept 14 days). Each bundle was redacted by the kiosk and again by the service.
 */
export const KioskDiagnosticsResponse = z
  .strictObject({
    requestedAt: IsoDateTime.nullable(),
    bundles: z.array(
      z.strictObject({
        requestedAt: IsoDateTime,
        uploadedAt: IsoDateTime,
        /** The stored JSON text's size in bytes. */
        bytes: z.number().int().nonnegative(),
        bundle: DiagnosticsBundle,
      }),
    ),
  })
  .meta({ id: 'StaffKioskDiagnosticsResponse' });
export type KioskDiagnosticsResponse = z.infer<typeof KioskDiagnosticsResponse>;
