package io.beatlight.song.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ogg Vorbis through JOrbis (org.jcraft:jorbis, LGPL). Like libvorbis, the first packet only primes the overlap,
 * so output sample 0 is the encoder's input sample 0; the end is cut at the last page's granule position (the
 * stream's exact length), which JOrbis itself does not do. Only the first logical stream is read.
 */
final class VorbisDecoder {
    private static final int CHUNK = 1 << 14;

    private VorbisDecoder() {
    }

    static void decode(Path file, MonoSink sink) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            new Reader(in).decode(sink, lastGranule(file));
        } catch (RuntimeException e) {
            throw new IOException("the Ogg Vorbis stream is corrupt (" + e + ")", e);
        }
    }

    static AudioInfo probe(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
            Reader reader = new Reader(in);
            reader.headers();
            return new AudioInfo(reader.info.rate, lastGranule(file));
        } catch (RuntimeException e) {
            throw new IOException("the Ogg Vorbis stream is corrupt (" + e + ")", e);
        }
    }

    /** The granule position (samples played to its end) of the file's last page, or -1 when none is found. */
    static long lastGranule(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            int n = (int) Math.min(size, 1 << 16);
            byte[] tail = new byte[n];
            raf.seek(size - n);
            raf.readFully(tail);
            for (int i = n - 27; i >= 0; i--) {
                if (tail[i] == 'O' && tail[i + 1] == 'g' && tail[i + 2] == 'g' && tail[i + 3] == 'S' && tail[i + 4] == 0) {
                    long granule = 0;
                    for (int b = 7; b >= 0; b--) {
                        granule = (granule << 8) | (tail[i + 6 + b] & 0xFF);
                    }
                    if (granule >= 0) {
                        return granule;
                    }
                }
            }
        }
        return -1;
    }

    private static final class Reader {
        private final InputStream in;
        private final SyncState sync = new SyncState();
        private final StreamState stream = new StreamState();
        private final Page page = new Page();
        private final Packet packet = new Packet();
        private final Info info = new Info();
        private final Comment comment = new Comment();
        private int serial;

        Reader(InputStream in) {
            this.in = in;
            sync.init();
        }

        /** The next page of any stream; false at the end of the file. */
        private boolean nextPage() throws IOException {
            while (true) {
                int result = sync.pageout(page);
                if (result == 1) {
                    return true;
                }
                if (result == 0) {
                    int at = sync.buffer(CHUNK);
                    int n = in.read(sync.data, at, CHUNK);
                    if (n <= 0) {
                        return false;
                    }
                    sync.wrote(n);
                }
                // result -1: bytes skipped to regain sync; go on
            }
        }

        /** The next packet of our stream: 1, 0 at the end, or -1 for a hole (lost data). */
        private int nextPacket() throws IOException {
            while (true) {
                int result = stream.packetout(packet);
                if (result != 0) {
                    return result;
                }
                if (!nextPage()) {
                    return 0;
                }
                if (page.serialno() == serial) {
                    stream.pagein(page);
                }
            }
        }

        void headers() throws IOException {
            if (!nextPage()) {
                throw new IOException("not an Ogg stream");
            }
            serial = page.serialno();
            stream.init(serial);
            info.init();
            comment.init();
            stream.pagein(page);
            for (int i = 0; i < 3; i++) {
                if (nextPacket() != 1 || info.synthesis_headerin(comment, packet) < 0) {
                    throw new IOException(i == 0 ? "the Ogg stream is not Vorbis (Ogg Opus and FLAC-in-Ogg are not"
                            + " supported)" : "the Vorbis headers are damaged");
                }
            }
            if (info.rate <= 0 || info.channels <= 0) {
                throw new IOException("the Vorbis header gives no sample rate");
            }
        }

        void decode(MonoSink sink, long total) throws IOException {
            headers();
            DspState dsp = new DspState();
            dsp.synthesis_init(info);
            Block block = new Block(dsp);
            block.init(dsp);
            sink.begin(info.rate, total);
            long remaining = total < 0 ? Long.MAX_VALUE : total;
            float[][][] pcm = new float[1][][];
            int[] index = new int[info.channels];
            float[] mono = new float[CHUNK];
            float scale = 1f / info.channels;
            long written = 0;
            int result;
            while (remaining > 0 && (result = nextPacket()) != 0) {
                if (result < 0) {
                    continue; // a hole in the data: the next packet is decoded as usual
                }
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int n;
                while (remaining > 0 && (n = dsp.synthesis_pcmout(pcm, index)) > 0) {
                    int take = (int) Math.min(Math.min(n, mono.length), remaining);
                    float[][] channels = pcm[0];
                    for (int i = 0; i < take; i++) {
                        float s = 0;
                        for (int c = 0; c < info.channels; c++) {
                            s += channels[c][index[c] + i];
                        }
                        mono[i] = s * scale;
                    }
                    sink.accept(mono, take);
                    dsp.synthesis_read(take);
                    remaining -= take;
                    written += take;
                }
            }
            if (written == 0) {
                throw new IOException("no Vorbis audio could be decoded");
            }
        }
    }
}
