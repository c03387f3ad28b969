namespace Flyte.Generators.Model;

/// <summary>One [Trigger] of a task, checked: a cron expression or a rate, its time input and its input values.</summary>
internal sealed record TriggerModel(
    string Name,
    string? Cron,
    string TimeZone,
    int EveryMinutes,
    string? TimeInput,
    EquatableArray<TriggerInputModel> Inputs,
    bool Active,
    string? Description);

/// <summary>A value a trigger gives one input: the input's type and the value as a C# expression of that type.</summary>
internal sealed record TriggerInputModel(string Name, TypeModel Type, string ValueExpression);
