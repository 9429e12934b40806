/**
 * The Hugging Face Hub side of {@link laminar.model.Checkpoint#resolve}: where the cache is and how to reach the
 * Hub ({@link laminar.model.hub.HubSettings}, from huggingface_hub's environment variables), the cache layout
 * transformers and huggingface_hub share ({@link laminar.model.hub.HubCache}), and resumable, verified downloads
 * into it ({@link laminar.model.hub.HubDownloader}).
 */
package laminar.model.hub;
