package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys of a parts object: every section gets its own, numbered in song order where names repeat. */
class PartKeysTest {
    @Test
    void repeatedNamesAreNumberedAndUniqueNamesKept() {
        assertThat(PartKeys.unique(List.of("intro", "chorus", "verse", "chorus", "outro")))
                .containsExactly("intro", "chorus_1", "verse", "chorus_2", "outro");
        assertThat(PartKeys.unique(List.of("A", "B", "A", "B", "A")))
                .containsExactly("A_1", "B_1", "A_2", "B_2", "A_3");
        assertThat(PartKeys.unique(List.of("verse_1", "chorus_1", "verse_2"))).containsExactly("verse_1", "chorus_1",
                "verse_2");
    }

    @Test
    void aNumberTakenByAnotherSectionIsSkipped() {
        assertThat(PartKeys.unique(List.of("chorus", "chorus_1", "chorus")))
                .containsExactly("chorus_2", "chorus_1", "chorus_3");
        assertThat(PartKeys.unique(List.of("x", "x_1", "x_1", "x")))
                .containsExactly("x_1", "x_1_1", "x_1_2", "x_2")
                .doesNotHaveDuplicates();
    }
}
