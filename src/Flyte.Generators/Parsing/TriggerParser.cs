using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Flyte.Generators.Diagnostics;
using Flyte.Generators.Emitting;
using Flyte.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Parsing;

/// <summary>
/// Reads a task's [Trigger] attributes and checks each against the task at compile time: the schedule's shape, the time
/// input's type, and every input value against its parameter's type (FLY016). What the control plane would refuse at
/// deploy, or a trigger would fail at its first tick for, is a compile error instead.
/// </summary>
internal static class TriggerParser
{
    private static readonly Regex TriggerName = new(@"^[A-Za-z0-9]([A-Za-z0-9._-]{0,254})$");
    private static readonly Regex CronField = new(@"^[0-9A-Za-z*/,?#LW-]+$");
    private static readonly string[] Descriptors = { "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" };

    public static EquatableArray<TriggerModel> Parse(IMethodSymbol method, KnownTypes known, IReadOnlyList<ParameterModel> parameters, List<DiagnosticInfo> diagnostics)
    {
        if (known.TriggerAttribute is null)
        {
            return EquatableArray<TriggerModel>.Empty;
        }
        var triggers = new List<TriggerModel>();
        foreach (var attribute in method.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.TriggerAttribute)))
        {
            var values = new AttributeValues(attribute);
            string name = values.ConstructorString(0) ?? "";
            var problem = new List<string>();
            if (!TriggerName.IsMatch(name))
            {
                problem.Add("its name must be 1 to 255 letters, digits, '.', '-' or '_', starting with a letter or digit");
            }
            else if (triggers.Any(t => t.Name == name))
            {
                problem.Add("another trigger of this task has the same name");
            }
            string? cron = values.String("Cron");
            int everyMinutes = values.Int("EveryMinutes") ?? 0;
            if ((cron is null) == (everyMinutes == 0))
            {
                problem.Add("set exactly one of Cron and EveryMinutes");
            }
            else if (cron is not null && CronProblem(cron) is { } cronProblem)
            {
                problem.Add(cronProblem);
            }
            else if (everyMinutes < 0)
            {
                problem.Add("EveryMinutes must be a positive number of minutes");
            }

            string? timeInput = values.String("TimeInput");
            if (timeInput is not null && parameters.FirstOrDefault(p => p.Role == ParameterRole.Input && p.Name == timeInput) is var time
                && time?.Type?.Shape is not (TypeShape.DateTime or TypeShape.DateTimeOffset))
            {
                problem.Add(time is null
                    ? $"TimeInput \"{timeInput}\" is not an input of this task"
                    : $"TimeInput \"{timeInput}\" must be a DateTime or DateTimeOffset input to take the scheduled time");
            }

            var inputs = new List<TriggerInputModel>();
            foreach (string entry in values.Strings("Inputs"))
            {
                int equals = entry.IndexOf('=');
                string inputName = equals > 0 ? entry.Substring(0, equals).Trim() : "";
                string text = equals > 0 ? entry.Substring(equals + 1) : "";
                var parameter = parameters.FirstOrDefault(p => p.Role == ParameterRole.Input && p.Name == inputName);
                if (parameter?.Type is null)
                {
                    problem.Add(equals > 0 ? $"\"{inputName}\" in Inputs is not an input of this task" : $"write Inputs as \"name=value\", not \"{entry}\"");
                }
                else if (inputName == timeInput || inputs.Any(i => i.Name == inputName))
                {
                    problem.Add($"\"{inputName}\" is given twice");
                }
                else if (ValueExpression(parameter.Type, text) is { } expression)
                {
                    inputs.Add(new TriggerInputModel(inputName, parameter.Type, expression));
                }
                else
                {
                    problem.Add($"\"{text}\" is not a value of input \"{inputName}\" ({parameter.Type.DisplayName}); triggers give bool, number, string and enum inputs");
                }
            }

            if (problem.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTrigger, values.Location, name, string.Join("; ", problem)));
                continue;
            }
            triggers.Add(new TriggerModel(name, cron?.Trim(), values.String("TimeZone") ?? "UTC", everyMinutes, timeInput,
                new EquatableArray<TriggerInputModel>(inputs), !values.Has("Active") || values.Bool("Active"), values.String("Description")));
        }
        return new EquatableArray<TriggerModel>(triggers);
    }

    /// <summary>Why the control plane's cron parser would refuse <paramref name="cron"/>; null when it has the standard shape.</summary>
    private static string? CronProblem(string cron)
    {
        string trimmed = cron.Trim();
        if (trimmed.StartsWith("@", System.StringComparison.Ordinal))
        {
            return Descriptors.Contains(trimmed) ? null : $"Cron \"{cron}\" is not one of {string.Join(", ", Descriptors)}";
        }
        string[] fields = trimmed.Split(new[] { ' ', '\t' }, System.StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || !fields.All(CronField.IsMatch))
        {
            return $"Cron \"{cron}\" must have five fields (minute hour day-of-month month day-of-week), such as \"0 2 * * *\"";
        }
        return null;
    }

    /// <summary><paramref name="text"/> as a C# expression of <paramref name="type"/>; null when it is not a value of it.</summary>
    private static string? ValueExpression(TypeModel type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        string trimmed = text.Trim();
        switch (type.Shape)
        {
            case TypeShape.String:
                return Text.Literal(text);
            case TypeShape.Boolean:
                return trimmed is "true" or "false" ? trimmed : null;
            case TypeShape.SByte or TypeShape.Int16 or TypeShape.Int32 or TypeShape.Int64:
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, invariant, out long signed) && Fits(type.Shape, signed)
                    ? $"({type.FullyQualifiedName}){signed.ToString(invariant)}" : null;
            case TypeShape.Byte or TypeShape.UInt16 or TypeShape.UInt32 or TypeShape.UInt64:
                return ulong.TryParse(trimmed, NumberStyles.None, invariant, out ulong unsigned) && FitsUnsigned(type.Shape, unsigned)
                    ? $"({type.FullyQualifiedName}){unsigned.ToString(invariant)}UL" : null;
            case TypeShape.Single or TypeShape.Double:
                return double.TryParse(trimmed, NumberStyles.Float, invariant, out double real) && !double.IsInfinity(real) && !double.IsNaN(real)
                    ? $"({type.FullyQualifiedName}){real.ToString("R", invariant)}d" : null;
            case TypeShape.Decimal:
                return decimal.TryParse(trimmed, NumberStyles.Number, invariant, out decimal number) ? number.ToString(invariant) + "m" : null;
            case TypeShape.Enum:
                return type.EnumMembers.Contains(trimmed) ? $"{type.FullyQualifiedName}.{trimmed}" : null;
            default:
                return null;
        }
    }

    private static bool Fits(TypeShape shape, long value) => shape switch
    {
        TypeShape.SByte => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        TypeShape.Int16 => value is >= short.MinValue and <= short.MaxValue,
        TypeShape.Int32 => value is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };

    private static bool FitsUnsigned(TypeShape shape, ulong value) => shape switch
    {
        TypeShape.Byte => value <= byte.MaxValue,
        TypeShape.UInt16 => value <= ushort.MaxValue,
        TypeShape.UInt32 => value <= uint.MaxValue,
        _ => true,
    };
}
