"""WeConfig: configuration, operations and component versions."""
