#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <cstdio>
#include <string>

namespace k = kerascpp;

TEST_CASE("progbar: Keras 3's line format") {
    const k::Logs logs{{"accuracy", 0.92}, {"loss", 0.3}};
    CHECK(k::callbacks::ProgbarLogger::format_line(938, 938, 2.2, logs, 1, true) ==
          "938/938 ━━━━━━━━━━━━━━━━━━━━ 2s 2ms/step - accuracy: 0.9200 - loss: 0.3000");
    CHECK(k::callbacks::ProgbarLogger::format_line(938, 938, 2.2, logs, 2, true) ==
          "938/938 - 2s - 2ms/step - accuracy: 0.9200 - loss: 0.3000");
    CHECK(k::callbacks::ProgbarLogger::format_line(10, 100, 1.0, {}, 1, false) ==
          " 10/100 ━━━━━━━━━━━━━━━━━━━━ 9s 100ms/step");
    CHECK(k::callbacks::ProgbarLogger::format_line(1, 1, 0.0002, {{"loss", 0.0001}}, 1, true) ==
          "1/1 ━━━━━━━━━━━━━━━━━━━━ 0s 200us/step - loss: 1.0000e-04");
}

TEST_CASE("progbar: not a terminal → one clean line per epoch") {
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    k::callbacks::ProgbarLogger bar(out, false);
    bar.set_params({1, 2, 3});
    bar.on_train_begin({});
    for (int epoch = 0; epoch < 2; ++epoch) {
        bar.on_epoch_begin(epoch, {});
        for (int b = 0; b < 3; ++b) bar.on_train_batch_end(b, {{"loss", 1.0}});
        bar.on_epoch_end(epoch, {{"loss", 0.5}, {"val_loss", 0.6}});
    }
    std::rewind(out);
    std::string text;
    char buf[512];
    while (std::fgets(buf, sizeof buf, out)) text += buf;
    std::fclose(out);
    CHECK(text.find("Epoch 1/2\n3/3 ━━━━━━━━━━━━━━━━━━━━ ") == 0);
    CHECK(text.find("- loss: 0.5000 - val_loss: 0.6000\nEpoch 2/2\n") != std::string::npos);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("\033") == std::string::npos);
}
