/** { ok: true, tensorflow } when native TensorFlow trains here, else { ok: false, why }. */
export function nativeStatus(root: string): { ok: true; tensorflow: string } | { ok: false; why: string };
