package io.beatlight.output;

import java.net.InetSocketAddress;

/** What one receiver sees as one stream: protocol, destination, and Port-Address (Art-Net) or sACN universe. */
record ReceiverStream(boolean sacn, InetSocketAddress target, int address) {
}
