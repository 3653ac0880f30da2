package io.beatlight.output;

import java.lang.management.ManagementFactory;

/**
 * Bytes the running output thread allocates in one second of steady state. The loop's per-frame code allocates
 * nothing once compiled, but on a loaded machine the JIT may not have compiled it after the first second (the
 * interpreter allocates iterators the compiled code does not), so up to five one-second windows are measured after
 * a second of warm-up and the quietest is returned.
 */
record OutputAllocation(long bytes, long frames) {

    static OutputAllocation measure(ArtNetOutput output) throws InterruptedException {
        Thread.sleep(1000);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("artnet-output"))
                .findFirst().orElseThrow().getId();
        OutputAllocation quietest = null;
        for (int window = 0; window < 5; window++) {
            long before = threads.getThreadAllocatedBytes(id);
            long framesBefore = output.stats().framesSent();
            Thread.sleep(1000);
            OutputAllocation measured = new OutputAllocation(threads.getThreadAllocatedBytes(id) - before,
                    output.stats().framesSent() - framesBefore);
            if (quietest == null || measured.bytes() < quietest.bytes()) {
                quietest = measured;
            }
            if (quietest.bytes() == 0) {
                break;
            }
        }
        return quietest;
    }
}
