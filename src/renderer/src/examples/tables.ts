// Tables the gallery's examples train on, bundled with the app (no download at run time).
import housing from '../../../../examples/tables/housing.csv?raw';

export const EXAMPLE_TABLES: Record<string, string> = { 'housing.csv': housing };
