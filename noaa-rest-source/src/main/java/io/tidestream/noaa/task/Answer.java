package io.tidestream.noaa.task;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.plan.Window;

/**
 * A finished request, handed from the HTTP thread to the polling thread: the parsed answer, or the
 * classified error.
 */
record Answer(
    UnitState unit,
    Window window,
    DataRequest request,
    ParsedResponse response,
    NoaaApiException error) {}
