"""The bundled demo region: hand-written sites of the common CMS families, served on loopback."""
