package io.beatlight.api.intents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowFolders;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.util.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Until the library is indexed, library intents answer library_unavailable and say why. */
class LibraryUnavailableTest {
    @TempDir
    Path dir;

    @Test
    void searchingBeforeTheIndexIsReadyIsRefused() {
        try (ShowEngine engine = new ShowEngine(ShowFolders.of(dir), source -> { })) {
            IntentRegistry registry = new IntentRegistry();
            LibraryIntents.register(registry);
            for (String name : new String[] {"library.search", "library.get"}) {
                IntentContext ctx = new IntentContext(engine, null, null, "r1", name,
                        new Payload(Json.object().put("query", "par").put("id", "qlc:A/B")));
                IntentException e = catchThrowableOfType(IntentException.class,
                        () -> registry.find(name).orElseThrow().handle(ctx));
                assertThat(e.code()).isEqualTo(ErrorCode.LIBRARY_UNAVAILABLE);
                assertThat(e.details().get("status").asText()).isEqualTo("not_indexed");
            }
        }
    }
}
