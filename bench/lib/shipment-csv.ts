import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { shipmentFields } from '../../src/intake/shipments/header-map.js';

/** The required columns, in the manual's order (PRODUCTCODE left out). */
export const shipmentHeader = shipmentFields.filter((field) => field !== 'PRODUCTCODE');

/** The cells of shipment row `i` (unique TID and WAYBILLNO), in header order. */
export const shipmentRow = (i: number): string[] => [
  `T${String(i).padStart(12, '0')}`,
  String(10_000 + (i % 90_000)),
  '정하준',
  '20261120',
  '본인',
  'CJ대한통운',
  `6${String(i).padStart(11, '0')}`,
  `서울특별시 중구 세종대로 ${i % 500}`,
];

/** Writes a UTF-8 shipment CSV of `rows` rows (and a header) to `path`. */
export const writeShipmentCsv = async (path: string, rows: number): Promise<void> => {
  const out = createWriteStream(path);
  out.write(`${shipmentHeader.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${shipmentRow(i).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
};
