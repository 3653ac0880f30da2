package io.beatlight.show.fseq;

import java.util.Locale;
import java.util.Optional;

/** How the channel data of an {@code .fseq} file is stored; the code is the header's compression type. */
public enum FseqCompression {
    /** The frames one after another, no block index. */
    NONE(0, "none"),
    /** Blocks of frames, each an independent zstd frame, listed in the block index so players can seek. */
    ZSTD(1, "zstd");

    private final int code;
    private final String wireName;

    FseqCompression(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The value of the low four bits of header byte 20. */
    public int code() {
        return code;
    }

    /** The name users type: {@code none} or {@code zstd}. */
    public String wireName() {
        return wireName;
    }

    /** The compression of that name (any case), if there is one. */
    public static Optional<FseqCompression> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (FseqCompression c : values()) {
            if (c.wireName.equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
