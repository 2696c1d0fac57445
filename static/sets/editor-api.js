// JSON over fetch with the CSRF token. A refusal rejects with an ApiError that
// carries the status and the API's {"detail", "errors"} body.
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || `The server answered ${status}.`);
    this.status = status;
    this.errors = body?.errors || {};
    this.body = body || {};
  }
}

export function createApi(csrfToken) {
  async function request(method, url, data) {
    const headers = { Accept: "application/json" };
    const options = { method, headers, credentials: "same-origin" };
    if (data !== undefined) {
      headers["Content-Type"] = "application/json";
      headers["X-CSRFToken"] = csrfToken;
      options.body = JSON.stringify(data);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch {
      throw new ApiError(0, { detail: "No connection to the shop." });
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  return {
    get: (url) => request("GET", url),
    post: (url, data) => request("POST", url, data),
    patch: (url, data) => request("PATCH", url, data),
  };
}
