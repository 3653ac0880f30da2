package io.beatlight.output;

import java.lang.management.ManagementFactory;

/** Bytes the running output thread allocates over one second, after a second of warm-up. */
record OutputAllocation(long bytes, long frames) {

    static OutputAllocation measure(ArtNetOutput output) throws InterruptedException {
        Thread.sleep(1000);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("artnet-output"))
                .findFirst().orElseThrow().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long framesBefore = output.stats().framesSent();
        Thread.sleep(1000);
        return new OutputAllocation(threads.getThreadAllocatedBytes(id) - before,
                output.stats().framesSent() - framesBefore);
    }
}
