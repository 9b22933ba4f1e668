using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Prepaid.Domain.Money;

namespace Prepaid.App.Persistence;

/// <summary>Stores an exact decimal as an integer of 1/10000; refuses values with more decimals.</summary>
public sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(
    v => ScaledDecimal.ToScaled(v),
    v => ScaledDecimal.FromScaled(v));
