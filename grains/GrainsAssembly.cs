using System.Reflection;

namespace PyAirtable.Grains;

/// <summary>Names this assembly, so hosts can register every grain in it with <c>AddGrains</c>.</summary>
public static class GrainsAssembly
{
    public static Assembly Assembly => typeof(GrainsAssembly).Assembly;
}
