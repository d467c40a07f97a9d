from .calendar import CalendarOverride
from .cases import Case, DepartmentTask, Person
from .catalogue import Department, Matter

__all__ = ["CalendarOverride", "Case", "Department", "DepartmentTask", "Matter", "Person"]
