/**
 * The Hugging Face Hub side of {@link laminar.model.Checkpoint#resolve}: a Hub name and revision to a checked
 * model directory in the cache that transformers and huggingface_hub share.
 *
 * <ul>
 *   <li>{@link laminar.model.hub.HubSettings}: cache, endpoint, offline, token and timeouts from huggingface_hub's
 *       environment variables ({@code HF_HUB_DOWNLOAD_TIMEOUT}, {@code HF_HUB_ETAG_TIMEOUT}, ...);</li>
 *   <li>{@link laminar.model.hub.HubModels}: cached snapshot if complete and sound, else a download;</li>
 *   <li>{@link laminar.model.hub.HubCache}: the cache layout (refs, snapshots, blobs) and damaged cached files;</li>
 *   <li>{@link laminar.model.hub.HubNames}: every name a user, server or cached file gives is checked before it
 *       becomes a path, and every path is checked to stay inside the cache;</li>
 *   <li>{@link laminar.model.hub.HubDownloader} with {@code HubRequests} (HEAD/GET, redirects), {@code TimedBody}
 *       (a read timeout the JDK's HTTP client lacks), {@code BlobLock} (one download per blob across processes) and
 *       {@code CacheFileCheck} (error pages, cut JSON, hostile indexes): resumable, verified downloads.</li>
 * </ul>
 */
package laminar.model.hub;
