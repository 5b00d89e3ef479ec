from django import forms
from django.utils.translation import gettext_lazy as _

from .reading import BadFile, check_size


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Use the template. Nothing is saved before you have seen the check."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except BadFile as error:
            raise forms.ValidationError(str(error)) from error
        return upload
