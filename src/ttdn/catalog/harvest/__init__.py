"""Harvesting agencies' feeds: `fetch` is the only module that touches the network, `parse`
turns bytes into plain entries; `services.harvest` persists them."""
