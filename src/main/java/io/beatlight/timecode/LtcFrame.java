package io.beatlight.timecode;

/**
 * One LTC frame as decoded from audio.
 *
 * @param timecode the address carried in the frame's bits
 * @param reverse whether the audio ran backwards (the bits arrived from 79 down to 0)
 * @param endSample where (in samples since the decoder's first sample, with the fraction interpolated) the frame's
 *     last bit ended: the end of the sync word going forwards, the end of bit 0 going backwards
 * @param samplesPerFrame the measured length of a frame in samples (80 bit periods) at that moment
 * @param userBits the 32 user bits, binary group 1 in the lowest four bits
 */
public record LtcFrame(Timecode timecode, boolean reverse, double endSample, double samplesPerFrame, int userBits) {
    /**
     * The timecode whose frame starts at {@link #endSample}: going forwards the frame after the one decoded (its
     * code was sent during its own frame, so it is complete only as the next frame begins); going backwards the
     * decoded one, since the transport is then back at its start.
     */
    public Timecode boundaryTimecode() {
        return reverse ? timecode : Timecode.ofFrameNumber(timecode.frameNumber() + 1, timecode.rate());
    }
}
