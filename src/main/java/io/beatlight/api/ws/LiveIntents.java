package io.beatlight.api.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.rig.Rig;
import io.beatlight.util.Json;
import io.beatlight.api.intents.IntentContext;
import io.beatlight.protocol.IntentException;
import io.beatlight.api.intents.IntentOutcome;
import io.beatlight.api.intents.IntentRegistry;

/**
 * {@code live.subscribe} / {@code live.unsubscribe} (an extension for views that draw the output itself): the
 * requesting connection receives {@code live} samples of the output from {@link LiveFeed}.
 * Payload: {@code fps?} 1..60 (default 30), {@code monitor_universe?} a rig universe whose 512 channels are wanted
 * (null = only the channels the fixtures use).
 */
public final class LiveIntents {
    public static final int DEFAULT_FPS = 30;

    private LiveIntents() {
    }

    public static void register(IntentRegistry registry, LiveFeed feed) {
        registry.register("live.subscribe", ctx -> subscribe(ctx, feed));
        registry.register("live.unsubscribe", ctx -> IntentOutcome.unchanged(Json.object()
                .put("subscribed", false).put("was_subscribed", feed.unsubscribe((ClientConnection) ctx.requester()))));
    }

    private static IntentOutcome subscribe(IntentContext ctx, LiveFeed feed) throws IntentException {
        int fps = (int) (long) ctx.payload().optionalInteger("fps", 1, 60).orElse((long) DEFAULT_FPS);
        Rig rig = ctx.engine().rig();
        UniverseLayout layout = rig.layout();
        Integer monitor = ctx.payload().optionalInteger("monitor_universe", 0, UniverseLayout.MAX_UNIVERSE)
                .map(Long::intValue).orElse(null);
        if (monitor != null && layout.indexOf(monitor) < 0) {
            throw IntentException.invalid("monitor_universe", "the rig has no universe " + monitor);
        }
        int[] universes = layout.universes();
        int[] lengths = new int[universes.length];
        ArrayNode described = Json.array();
        for (int i = 0; i < universes.length; i++) {
            lengths[i] = monitor != null && monitor == universes[i] ? UniverseLayout.UNIVERSE_SIZE
                    : rig.maxUsedChannel(universes[i]);
            described.add(Json.object().put("universe", universes[i]).put("channels", lengths[i]));
        }
        feed.subscribe((ClientConnection) ctx.requester(), new LiveFeed.Subscription(fps, universes, lengths));
        ObjectNode data = Json.object().put("subscribed", true).put("fps", fps);
        data.set("universes", described);
        return IntentOutcome.unchanged(data);
    }
}
