package io.beatlight.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A write the assistant wants to make: a write tool's name and arguments plus a human-readable title and summary.
 * Nothing changes until the user accepts it (browser) — or at once for an MCP client, which confirms on its side.
 */
public record Proposal(String toolName, ObjectNode arguments, String title, String summary) {
}
