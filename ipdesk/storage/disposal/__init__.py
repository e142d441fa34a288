"""Storage of the disposal context: disposal cases, their steps, documents and settlements."""
