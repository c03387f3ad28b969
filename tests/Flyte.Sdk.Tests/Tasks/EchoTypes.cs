namespace Flyte.Sdk.Tests.Tasks;

public enum Shape { Circle, Square, Triangle }

public sealed record Point(int X, double Y, string? Label);

/// <summary>A class (not a record) with settable properties of every kind a STRUCT may hold.</summary>
public sealed class Measurement
{
    public string Name { get; set; } = "";
    public List<int> Values { get; set; } = [];
    public Dictionary<string, Point> Named { get; set; } = [];
    public Shape Shape { get; set; }
    public DateTime TakenAt { get; set; }
    public DateTimeOffset Local { get; set; }
    public TimeSpan Took { get; set; }
    public Guid Id { get; set; }
    public decimal Price { get; set; }
    public int? Maybe { get; set; }
    public IReadOnlyList<Point?> Points { get; set; } = [];
    public bool Valid { get; set; }
    public long Big { get; set; }
    public float Ratio { get; set; }
    public int Count => Values.Count;
}

/// <summary>Members with and without defaults; its Python twin is written out in RecordSchemaParityTests.</summary>
public sealed record Reading(string Sensor, string? Note, string? Unit = null, double Scale = 1.5, int Count = 3, Shape Shape = Shape.Square);

/// <summary>Settable properties with and without initializers; its Python twin is written out in RecordSchemaParityTests.</summary>
public sealed class Window
{
    public int? Limit { get; set; }
    public int? Floor { get; set; } = null;
    public List<string> Tags { get; init; } = ["a"];
}
