/** Settings IT changes from the staff console (migration 0017): one row each, by name. */
export interface ServiceSettingsTable {
  name: string;
  value: string;
  updated_at: number;
}
