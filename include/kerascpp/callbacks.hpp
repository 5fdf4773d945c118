// All built-in callbacks.
#pragma once

#include "kerascpp/callbacks/backup_and_restore.hpp"
#include "kerascpp/callbacks/callback.hpp"
#include "kerascpp/callbacks/early_stopping.hpp"
#include "kerascpp/callbacks/history.hpp"
#include "kerascpp/callbacks/model_checkpoint.hpp"
#include "kerascpp/callbacks/monitor_callback.hpp"
#include "kerascpp/callbacks/progbar_logger.hpp"
