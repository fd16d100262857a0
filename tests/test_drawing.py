"""Drawing preprocessing: MNIST's convention (longer side 20 px, centre of mass at (14, 14) of 28 x 28)."""

import numpy as np
import pytest

import mnistlab as ml
from mnistlab.drawing import resize


def as_image(x):
    assert x.shape == (784, 1) and x.dtype == np.float32
    return x.reshape(28, 28)


def bounding_box(image):
    rows, cols = np.flatnonzero(np.any(image, axis=1)), np.flatnonzero(np.any(image, axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def centre_of_mass(image):
    i = np.arange(28)
    return image.sum(axis=1) @ i / image.sum(), image.sum(axis=0) @ i / image.sum()


def stroke_canvas(size=140, top=8, left=10, height=70, width=40):
    """A thick '7'-like stroke drawn in the top-left corner of a black canvas, as the browser sends it."""
    canvas = np.zeros((size, size), dtype=np.uint8)
    canvas[top:top + 10, left:left + width] = 255  # the bar
    for r in range(height):  # the diagonal
        c = left + width - 8 - r * (width - 8) // height
        canvas[top + r, c:c + 9] = 255
    return canvas


def test_an_off_centre_stroke_is_cropped_scaled_to_20_px_and_centred_by_its_mass():
    canvas = stroke_canvas()
    ink_height, ink_width = bounding_box(canvas)
    assert ink_height > ink_width  # a tall stroke: its height becomes 20
    image = as_image(ml.preprocess_digit(canvas))
    height, width = bounding_box(image)
    assert height == 20
    assert abs(width - ink_width * 20 / ink_height) <= 1  # aspect ratio kept (rounded; grey edges)
    cy, cx = centre_of_mass(image)
    assert abs(cy - 14) <= 0.5 and abs(cx - 14) <= 0.5
    assert image.max() == pytest.approx(1.0) and image.min() == 0.0


def test_the_same_stroke_anywhere_on_the_canvas_gives_the_same_input():
    a = ml.preprocess_digit(stroke_canvas(top=5, left=5))
    b = ml.preprocess_digit(stroke_canvas(top=60, left=90))
    np.testing.assert_array_equal(a, b)


def test_real_mnist_digits_pass_through_unchanged():
    X, _ = ml.load_mnist("test", n=200, offline=True, verbose=False)
    unchanged = 0
    for x in X.T:
        out = ml.preprocess_digit(x.reshape(28, 28))
        expected = x.reshape(784, 1) / x.max()
        unchanged += np.allclose(out, expected, atol=1e-5)
        assert np.abs(out - expected).mean() < 0.02
    assert unchanged >= 0.95 * X.shape[1]


def test_dark_ink_on_light_paper_is_inverted_automatically():
    light_on_dark = stroke_canvas()
    photo = 255 - light_on_dark
    np.testing.assert_array_equal(ml.preprocess_digit(photo), ml.preprocess_digit(light_on_dark))
    np.testing.assert_array_equal(ml.preprocess_digit(photo, invert=True), ml.preprocess_digit(light_on_dark))


def test_a_grey_noisy_photo_gives_a_clean_black_background():
    rng = np.random.default_rng(0)
    photo = 200 + rng.integers(-15, 15, size=(140, 140))  # grey paper with noise
    photo[stroke_canvas() > 0] = 40  # dark ink
    image = as_image(ml.preprocess_digit(photo.astype(np.uint8)))
    assert max(bounding_box(image)) == 20
    clean = as_image(ml.preprocess_digit(stroke_canvas()))
    assert np.abs(image - clean).mean() < 0.05


def test_colour_and_transparent_images_are_read_as_grey_on_white_paper():
    grey = stroke_canvas()
    rgb = np.repeat(grey[:, :, None], 3, axis=2)
    np.testing.assert_array_equal(ml.preprocess_digit(rgb), ml.preprocess_digit(grey))
    rgba = np.zeros((140, 140, 4), dtype=np.uint8)
    rgba[..., 3] = grey  # black ink where opaque, transparent elsewhere (counts as white paper)
    np.testing.assert_array_equal(ml.preprocess_digit(rgba), ml.preprocess_digit(grey))


def test_a_blank_canvas_gives_zeros():
    assert not ml.preprocess_digit(np.zeros((140, 140), dtype=np.uint8)).any()


def test_bad_images_get_errors_that_say_what_to_do():
    with pytest.raises(ValueError, match="2-D grey image"):
        ml.preprocess_digit(np.zeros(700))
    with pytest.raises(ValueError, match="uint8"):
        ml.preprocess_digit(np.full((10, 10), 200.0))
    with pytest.raises(ValueError, match="invert"):
        ml.preprocess_digit(np.zeros((10, 10)), invert="yes")


def test_resize_averages_areas_when_shrinking_and_is_the_identity_at_the_same_size():
    rng = np.random.default_rng(0)
    image = rng.random((60, 45))
    np.testing.assert_allclose(resize(image, (60, 45)), image)
    small = resize(image, (20, 15))
    np.testing.assert_allclose(small[0, 0], image[:3, :3].mean())
    np.testing.assert_allclose(small.mean(), image.mean())
    big = resize(np.array([[0.0, 1.0]]), (1, 4))
    np.testing.assert_allclose(big, [[0.0, 0.25, 0.75, 1.0]])


def paint_digit(channels=3):
    """A '1' drawn in black on pure white paper, saved as RGB(A) - as Paint does."""
    image = np.full((200, 200, channels), 255, dtype=np.uint8)
    image[30:170, 90:110, :3] = 0
    return image


def test_an_rgb_picture_on_pure_white_paper_is_read_like_the_same_picture_in_grey():
    grey = 255 - paint_digit()[..., 0]  # light ink on black
    expected = ml.preprocess_digit(grey, invert=False)
    for image in (paint_digit(3), paint_digit(4)):
        x = ml.preprocess_digit(image)
        np.testing.assert_allclose(x, expected, atol=1e-6)
        assert bounding_box(as_image(x))[0] == 20  # the stroke fills the 20 px box, not the whole page


def test_an_mnist_column_is_read_as_the_28_x_28_image_it_is():
    X, _ = ml.load_mnist("test", n=3, offline=True, verbose=False)
    for column in (X[:, :1], X[:, 1]):
        x = ml.preprocess_digit(column)
        assert bounding_box(as_image(x)) == bounding_box(column.reshape(28, 28))
        np.testing.assert_allclose(x, ml.preprocess_digit(column.reshape(28, 28)))


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint16, np.float64])
def test_grey_levels_0_to_255_mean_the_same_whatever_the_dtype(dtype):
    photo = 255 - stroke_canvas()  # dark ink on white paper: the paper must stay paper
    values = photo / 255 if np.dtype(dtype).kind == "f" else photo.astype(dtype)
    expected = ml.preprocess_digit(photo)
    np.testing.assert_allclose(ml.preprocess_digit(values), expected, atol=1e-6)
    assert bounding_box(as_image(expected))[0] == 20
