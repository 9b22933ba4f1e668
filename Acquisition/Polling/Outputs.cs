using System.Threading.Channels;
using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Polling;

/// <summary>One poll of one meter: the driver's reading plus where it came from.</summary>
/// <param name="MeterId">The meter.</param>
/// <param name="GatewayId">Its gateway.</param>
/// <param name="BusId">Its bus.</param>
/// <param name="Reading">The driver's reading, with quality and source time (failed polls are pushed too, with their quality).</param>
/// <param name="Latency">Duration of the poll on the bus (including the client's retries).</param>
public sealed record PolledReading(int MeterId, int GatewayId, int BusId, MeterReading Reading, TimeSpan Latency)
{
    /// <summary>The prepaid parameter block, on full reads of profiles that have one (null otherwise or when that read failed).</summary>
    public PrepaidParameters? Parameters { get; init; }
}

/// <summary>Where the pollers push readings. Called from the bus loops: keep it fast (e.g. write to a channel) or the bus waits.</summary>
public interface IReadingSink
{
    /// <summary>Accepts one reading.</summary>
    ValueTask WriteAsync(PolledReading reading, CancellationToken cancellationToken);
}

/// <summary>Where the engine pushes communication events (meter, bus, gateway lost or recovered).</summary>
public interface ICommunicationEventSink
{
    /// <summary>Accepts one event.</summary>
    ValueTask WriteAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken);
}

/// <summary>An <see cref="IReadingSink"/> over a channel, for batched processing: read <see cref="Reader"/> in batches.</summary>
public sealed class ChannelReadingSink : IReadingSink
{
    private readonly Channel<PolledReading> _channel;

    /// <summary>Creates the sink; with a capacity, a full channel makes the pollers wait (no reading is dropped).</summary>
    public ChannelReadingSink(int? capacity = null)
    {
        _channel = capacity is { } c
            ? Channel.CreateBounded<PolledReading>(new BoundedChannelOptions(c) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true })
            : Channel.CreateUnbounded<PolledReading>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>The readings, in arrival order.</summary>
    public ChannelReader<PolledReading> Reader => _channel.Reader;

    /// <inheritdoc />
    public ValueTask WriteAsync(PolledReading reading, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(reading, cancellationToken);
}

/// <summary>An <see cref="ICommunicationEventSink"/> over an unbounded channel.</summary>
public sealed class ChannelCommunicationEventSink : ICommunicationEventSink
{
    private readonly Channel<CommunicationEvent> _channel = Channel.CreateUnbounded<CommunicationEvent>();

    /// <summary>The events, in order.</summary>
    public ChannelReader<CommunicationEvent> Reader => _channel.Reader;

    /// <inheritdoc />
    public ValueTask WriteAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(communicationEvent, cancellationToken);
}

/// <summary>What a <see cref="CommunicationEvent"/> reports.</summary>
public enum CommunicationEventKind
{
    /// <summary>A meter has had no good reading for <see cref="AcquisitionOptions.LostAfter"/> while its bus answers.</summary>
    MeterLost,

    /// <summary>A reported meter reads good again.</summary>
    MeterRecovered,

    /// <summary>A bus answers nothing (or its gateway port is unreachable) while other buses of its gateway answer.</summary>
    BusLost,

    /// <summary>A reported bus answers again.</summary>
    BusRecovered,

    /// <summary>Every bus of a gateway answers nothing or cannot connect: one event for the gateway, none for its buses and meters.</summary>
    GatewayLost,

    /// <summary>A reported gateway answers again.</summary>
    GatewayRecovered,
}

/// <summary>A communication event for the alarm journal.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="GatewayId">The gateway concerned (or the meter's or bus's gateway).</param>
/// <param name="BusId">The bus, for bus and meter events.</param>
/// <param name="MeterId">The meter, for meter events.</param>
/// <param name="Time">When it was detected (acquisition clock).</param>
/// <param name="Detail">Why, for operators.</param>
public sealed record CommunicationEvent(CommunicationEventKind Kind, int GatewayId, int? BusId, int? MeterId, DateTimeOffset Time, string? Detail);
