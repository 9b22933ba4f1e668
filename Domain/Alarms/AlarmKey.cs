using System.Globalization;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Alarms;

/// <summary>The object an alarm is about: a source kind and its id within that kind.</summary>
/// <param name="Kind">Kind of object (site, gateway, bus, meter).</param>
/// <param name="Id">Id of the object within its kind.</param>
public readonly record struct AlarmSource(AlarmSourceKind Kind, int Id)
{
    /// <summary>A stable text form such as <c>Gateway/12</c>; used as the suppressing source of design suppression.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}/{Id}");
}

/// <summary>
/// The identity of an alarm: one alarm per (source kind, source id, condition). Occurrences of the same
/// condition on the same source are successive activations of the same alarm, not new alarms.
/// </summary>
/// <remarks>
/// There is deliberately no "low balance" condition: a low balance is a notice to the tenant, not an
/// operator alarm (an alarm needs an operator's response), and is handled by the relay policy's notices, never by this engine.
/// </remarks>
/// <param name="SourceKind">Kind of object in alarm.</param>
/// <param name="SourceId">Id of the object in alarm, within its kind.</param>
/// <param name="Condition">The abnormal condition.</param>
public readonly record struct AlarmKey(AlarmSourceKind SourceKind, int SourceId, AlarmCondition Condition)
{
    /// <summary>The source part of the key.</summary>
    public AlarmSource Source => new(SourceKind, SourceId);

    /// <summary>A stable text form such as <c>Meter/7/CommunicationLost</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{SourceKind}/{SourceId}/{Condition}");
}

/// <summary>The fixed configuration of one alarm.</summary>
/// <param name="Key">Identity of the alarm.</param>
/// <param name="Priority">Priority shown to the operator and used by the KPIs.</param>
/// <param name="Latching">
/// True for a latched alarm: after the condition clears it stays <see cref="AlarmState.Latched"/> until an
/// operator resets it (for example an over-power trip that needs a person to look).
/// </param>
public sealed record AlarmDefinition(AlarmKey Key, AlarmPriority Priority, bool Latching = false);
