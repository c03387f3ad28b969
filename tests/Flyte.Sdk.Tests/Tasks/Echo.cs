namespace Flyte.Sdk.Tests.Tasks;

/// <summary>One task per supported type; each returns its input, so a round trip must give the value back.</summary>
[TaskEnvironment("echo")]
public static partial class Echo
{
    [Task] public static bool Boolean(bool v) => v;
    [Task] public static sbyte SByte(sbyte v) => v;
    [Task] public static byte Byte(byte v) => v;
    [Task] public static short Int16(short v) => v;
    [Task] public static ushort UInt16(ushort v) => v;
    [Task] public static int Int32(int v) => v;
    [Task] public static uint UInt32(uint v) => v;
    [Task] public static long Int64(long v) => v;
    [Task] public static ulong UInt64(ulong v) => v;
    [Task] public static float Single(float v) => v;
    [Task] public static double Double(double v) => v;
    [Task] public static decimal Decimal(decimal v) => v;
    [Task] public static string String(string v) => v;
    [Task] public static DateTime DateTime(DateTime v) => v;
    [Task] public static DateTimeOffset DateTimeOffset(DateTimeOffset v) => v;
    [Task] public static TimeSpan TimeSpan(TimeSpan v) => v;
    [Task] public static Guid Guid(Guid v) => v;
    [Task] public static Shape Enum(Shape v) => v;
    [Task] public static int[] Array(int[] v) => v;
    [Task] public static List<string> List(List<string> v) => v;
    [Task] public static IReadOnlyList<double> ReadOnlyList(IReadOnlyList<double> v) => v;
    [Task] public static Dictionary<string, float> Map(Dictionary<string, float> v) => v;
    [Task] public static IReadOnlyDictionary<string, List<int>> ReadOnlyMap(IReadOnlyDictionary<string, List<int>> v) => v;
    [Task] public static int? NullableInt(int? v) => v;
    [Task] public static string? NullableString(string? v) => v;
    [Task] public static Shape? NullableEnum(Shape? v) => v;
    [Task] public static Point Record(Point v) => v;
    [Task] public static Point? NullableRecord(Point? v) => v;
    [Task] public static Measurement Class(Measurement v) => v;
    [Task] public static List<Point> RecordList(List<Point> v) => v;
    [Task] public static Reading DefaultsRecord(Reading v) => v;
    [Task] public static Window DefaultsClass(Window v) => v;
    [Task] public static FlyteFile File(FlyteFile v) => v;
    [Task] public static FlyteDirectory Directory(FlyteDirectory v) => v;
    [Task] public static DataFrame Table(DataFrame v) => v;
    [Task] public static DataFrame? OptionalTable(DataFrame? v) => v;
    [Task] public static (int Count, string Name) NamedTuple(int count, string name) => (count, name);
    [Task] public static (double, bool) PositionalTuple(double a, bool b) => (a, b);
}
