package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsFileTest {
    @TempDir
    Path dir;

    private OutputRouting read(String json) throws Exception {
        Files.writeString(dir.resolve(OutputsFile.NAME), json);
        return OutputsFile.read(dir);
    }

    @Test
    void noFileMeansNoRoutes() throws Exception {
        assertThat(OutputsFile.read(dir).isEmpty()).isTrue();
    }

    @Test
    void readsArtNetAndSacnDestinationsWithTheirDefaults() throws Exception {
        OutputRouting routing = read("""
                {"outputs": {
                  "0": [{"protocol": "artnet", "host": "127.0.0.1", "port_address": "1:0:5"},
                        {"protocol": "artnet", "host": "127.0.0.1", "port": 6455}],
                  "1": [{"protocol": "sacn", "host": "127.0.0.1", "sacn_universe": 7, "priority": 150},
                        {"protocol": "sacn", "host": "127.0.0.1", "port": 5569}]
                }}""");
        List<OutputRoute> zero = routing.routesOf(0);
        assertThat(zero.get(0).portAddress()).isEqualTo(0x0105);
        assertThat(zero.get(0).target().getPort()).isEqualTo(6454);
        assertThat(zero.get(1).portAddress()).as("defaults to the Beatlight universe").isZero();
        assertThat(zero.get(1).target().getPort()).isEqualTo(6455);
        List<OutputRoute> one = routing.routesOf(1);
        assertThat(one.get(0)).isEqualTo(OutputRoute.sacn(one.get(0).target(), 7, 150));
        assertThat(one.get(1).sacnUniverse()).as("Beatlight universe + 1").isEqualTo(2);
        assertThat(one.get(1).priority()).isEqualTo(100);
        assertThat(one.get(1).target().getPort()).isEqualTo(5569);
        assertThat(routing.routesOf(2)).isNull();
        assertThat(read("{\"outputs\": {\"3\": [{\"protocol\": \"artnet\", \"host\": \"127.0.0.1\","
                + " \"port_address\": 32767}]}}").routesOf(3).get(0).portAddress()).isEqualTo(32767);
    }

    @Test
    void everyProblemIsNamed() {
        String dest = "\"protocol\": \"artnet\", \"host\": \"127.0.0.1\"";
        assertProblem("{\"outputs\": ", "not valid JSON");
        assertProblem("[]", "expected a JSON object");
        assertProblem("{\"outputs\": []}", "\"outputs\" must be an object");
        assertProblem("{\"outputs\": {\"x\": [{" + dest + "}]}}", "\"x\" is not a Beatlight universe");
        assertProblem("{\"outputs\": {\"40000\": [{" + dest + "}]}}", "\"40000\" is not a Beatlight universe");
        assertProblem("{\"outputs\": {\"0\": []}}", "universe 0: expected a non-empty array");
        assertProblem("{\"outputs\": {\"0\": [{\"protocol\": \"dmx\", \"host\": \"127.0.0.1\"}]}}",
                "universe 0, destination 1: protocol must be \"artnet\" or \"sacn\"");
        assertProblem("{\"outputs\": {\"0\": [{\"protocol\": \"artnet\"}]}}", "\"host\" is required");
        assertProblem("{\"outputs\": {\"0\": [{" + dest + ", \"port_address\": 32768}]}}", "\"port_address\" must be");
        assertProblem("{\"outputs\": {\"0\": [{" + dest + ", \"port_address\": \"128:0:0\"}]}}",
                "\"port_address\" must be");
        assertProblem("{\"outputs\": {\"0\": [{" + dest + ", \"port\": 0}]}}", "\"port\" must be an integer 1..65535");
        assertProblem("{\"outputs\": {\"0\": [{" + dest + ", \"priority\": 100}]}}",
                "\"priority\" does not apply to protocol artnet");
        assertProblem("{\"outputs\": {\"0\": [{" + dest + ", \"prio\": 100}]}}", "unknown field \"prio\"");
        assertProblem("{\"outputs\": {\"1\": [{\"protocol\": \"sacn\", \"host\": \"127.0.0.1\", \"sacn_universe\": 0}]}}",
                "universe 1, destination 1: \"sacn_universe\" must be an integer 1..63999");
        assertProblem("{\"outputs\": {\"1\": [{\"protocol\": \"sacn\", \"host\": \"127.0.0.1\", \"priority\": 201}]}}",
                "\"priority\" must be an integer 0..200");
    }

    private void assertProblem(String json, String expected) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(OutputsFile.NAME).hasMessageContaining(expected);
    }

    @Test
    void twoRoutedUniversesSendingOneStreamToOneReceiverAreRefused() throws Exception {
        assertThatThrownBy(() -> read("""
                {"outputs": {
                  "0": [{"protocol": "artnet", "host": "127.0.0.1", "port": 7000, "port_address": "1:0:5"}],
                  "3": [{"protocol": "artnet", "host": "127.0.0.1", "port": 7000, "port_address": 261}]
                }}""")).isInstanceOf(IllegalArgumentException.class).hasMessage("outputs.json: universes 0 and 3 both"
                + " send Art-Net Port-Address 261 (1:0:5) to 127.0.0.1:7000, so that receiver would mix them; give"
                + " one of them another port_address or destination");
        assertThatThrownBy(() -> read("""
                {"outputs": {
                  "0": [{"protocol": "sacn", "host": "127.0.0.1", "sacn_universe": 7}],
                  "1": [{"protocol": "sacn", "host": "127.0.0.1", "sacn_universe": 7, "priority": 150}]
                }}""")).hasMessage("outputs.json: universes 0 and 1 both send sACN universe 7 to 127.0.0.1:5568, so"
                + " that receiver would mix them; give one of them another sacn_universe or destination");
        assertThatThrownBy(() -> read("""
                {"outputs": {"2": [{"protocol": "artnet", "host": "127.0.0.1"},
                                   {"protocol": "artnet", "host": "127.0.0.1", "port_address": 2}]}}"""))
                .hasMessage("outputs.json: universe 2 lists Art-Net Port-Address 2 (0:0:2) to 127.0.0.1:6454 twice");
        // the same Port-Address to another receiver, or another Port-Address to the same one, is fine
        assertThat(read("""
                {"outputs": {
                  "0": [{"protocol": "artnet", "host": "127.0.0.1", "port": 7000, "port_address": 261}],
                  "3": [{"protocol": "artnet", "host": "127.0.0.1", "port": 7001, "port_address": 261},
                        {"protocol": "artnet", "host": "127.0.0.1", "port": 7000, "port_address": 262},
                        {"protocol": "sacn", "host": "127.0.0.1", "port": 7000, "sacn_universe": 261}]
                }}""").routes()).hasSize(2);
    }

    @Test
    void aRoutedPortAddressAnUnroutedUniverseIsSentOnIsRefused() throws Exception {
        java.net.InetSocketAddress defaults = new java.net.InetSocketAddress("127.0.0.1", 6454);
        io.beatlight.dmx.UniverseLayout used = io.beatlight.dmx.UniverseLayout.of(List.of(0, 1, 2));
        OutputRouting clash = read("""
                {"outputs": {"0": [{"protocol": "artnet", "host": "127.0.0.2", "port_address": 1}]}}""");
        assertThatThrownBy(() -> RouteConflicts.checkAgainstUnrouted(clash, used, List.of(defaults), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("outputs.json: universe 0 sends Art-Net"
                        + " Port-Address 1 (0:0:1) to 127.0.0.2:6454, the Port-Address unrouted universe 1 is sent on"
                        + " (to the command-line targets 127.0.0.1:6454); route universe 1 in outputs.json too, or"
                        + " give universe 0 another port_address");
        // fine when universe 1 is routed too, or not sent at all
        RouteConflicts.checkAgainstUnrouted(read("""
                {"outputs": {"0": [{"protocol": "artnet", "host": "127.0.0.2", "port_address": 1}],
                             "1": [{"protocol": "artnet", "host": "127.0.0.3"}]}}"""), used, List.of(defaults), null);
        RouteConflicts.checkAgainstUnrouted(clash, io.beatlight.dmx.UniverseLayout.of(List.of(0, 2)),
                List.of(defaults), null);

        java.net.InetSocketAddress sacnTarget = new java.net.InetSocketAddress("127.0.0.1", 5568);
        SacnConfig sacn = SacnConfig.unicast(List.of(sacnTarget), java.util.UUID.randomUUID(), "B");
        OutputRouting sacnClash = read("""
                {"outputs": {"0": [{"protocol": "sacn", "host": "127.0.0.1", "sacn_universe": 3}]}}""");
        assertThatThrownBy(() -> RouteConflicts.checkAgainstUnrouted(sacnClash, used, List.of(defaults), sacn))
                .hasMessage("outputs.json: universe 0 sends sACN universe 3 to 127.0.0.1:5568, a command-line sACN"
                        + " target that unrouted universe 2 is sent to as sACN universe 3; route universe 2 in"
                        + " outputs.json too, or give universe 0 another sacn_universe");
    }
}
