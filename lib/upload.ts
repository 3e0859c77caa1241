// A form posted with upload progress (XHR: fetch does not report it), for file imports.
export type UploadResult<T> = { status: number; body: T };

export function uploadWithProgress<T>(url: string, form: FormData, onProgress: (percent: number) => void, onUploaded: () => void): Promise<UploadResult<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress((100 * e.loaded) / e.total);
    };
    xhr.upload.onload = onUploaded;
    xhr.onload = () => resolve({ status: xhr.status, body: (xhr.response ?? {}) as T });
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(form);
  });
}
