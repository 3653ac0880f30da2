package io.beatlight.output;

/** The packet a receiver stream is sent from now; exactly one of the two is set. */
record LivePacket(ArtDmxPacket artNet, SacnDataPacket sacn) {
    boolean samePacket(LivePacket other) {
        return artNet == other.artNet && sacn == other.sacn;
    }

    /**
     * The same receiver stream now comes from a new packet (a priority changed, or another universe took the
     * Port-Address over): a packet never sent yet starts where the old one was, so the receiver keeps accepting.
     */
    void carryOnFrom(LivePacket old) {
        if (artNet != null && old.artNet != null && artNet != old.artNet && artNet.sequence() == 0) {
            artNet.continueSequenceOf(old.artNet);
        } else if (sacn != null && old.sacn != null && sacn != old.sacn && sacn.sequence() < 0) {
            sacn.continueSequenceOf(old.sacn);
        }
    }

    /** Takes over the sequence an ending reached, so the receiver never sees it go backwards. */
    void continueSequenceOf(StreamEnding ending) {
        if (artNet != null && ending.artNet() != null) {
            artNet.continueSequenceOf(ending.artNet());
        } else if (sacn != null && ending.sacn() != null) {
            sacn.continueSequenceOf(ending.sacn());
        }
    }
}
