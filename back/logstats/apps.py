from django.apps import AppConfig


class LogstatsConfig(AppConfig):
    name = "back.logstats"
    label = "logstats"
    verbose_name = "Logs and statistics"
