"""The live analysis: refresh, the worker process and its requests, the embeddings cache."""
