// Sends one file to POST /api/uploads with XMLHttpRequest: fetch() cannot report upload
// progress, and every file gets its own progress bar and its own job (CONTRACT.md). This is the
// one request of the UI that does not go through useApi, for that reason alone.
import { ApiError } from '@/components/hooks/useApi';
import type { ApiErrorBody } from '@/lib/apiTypes';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadRequest {
  file: File;
  token: string;
  campaign: string;
  /** Factor fields (lib/factors.ts keys) as the user typed them; empty ones are left out. */
  factors: Record<string, string>;
  onProgress: (p: UploadProgress) => void;
}

export interface UploadHandle {
  promise: Promise<{ jobId: string }>;
  abort: () => void;
}

export function uploadFile({
  file,
  token,
  campaign,
  factors,
  onProgress,
}: UploadRequest): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<{ jobId: string }>((resolve, reject) => {
    const form = new FormData();
    // Fields first: the server reads them when the body is complete, but a reader of the
    // request (a proxy log, a debugger) sees them before the bytes.
    if (campaign.trim()) form.append('campaign', campaign.trim());
    for (const [key, value] of Object.entries(factors)) {
      if (value.trim()) form.append(key, value.trim());
    }
    form.append('file', file, file.name);

    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const jobId = (body as { jobId?: unknown } | null)?.jobId;
        if (typeof jobId === 'string') {
          onProgress({ loaded: file.size, total: file.size });
          resolve({ jobId });
        } else {
          reject(
            new ApiError(
              'BAD_RESPONSE',
              'The server accepted the file but sent no job id.',
              xhr.status,
            ),
          );
        }
        return;
      }
      const err = (body as Partial<ApiErrorBody> | null)?.error;
      reject(
        new ApiError(
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? (xhr.statusText || `Upload failed with status ${xhr.status}`),
          err?.status ?? xhr.status,
        ),
      );
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          'NETWORK',
          'The connection broke during the upload. The server may have refused the file early (a wrong token or a size limit) or be down.',
          0,
        ),
      );
    xhr.onabort = () => reject(new ApiError('ABORTED', 'Upload cancelled.', 0));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
