// The CSV export's columns, in order (lib/porting/export-porting-requests.ts writes them; the API
// reference lists them). Client-safe.

export const EXPORT_COLUMNS = [
  "Reference",
  "Customer reference",
  "Status",
  "Status reason",
  "Country",
  "Number type",
  "Number",
  "Current provider",
  "Preferred porting date",
  "First possible porting date",
  "Created",
  "Updated",
] as const;
